"""Is a DOCX exactly the package signoff writes for its embedded report? The zip, then every part.

The zip must be whole and plain: entries back to back from the first byte, each local
header agreeing with the central directory, no part twice, no bytes hidden between
entries or after the directory, every checksum right. Then every part must equal the
fresh rendering's: XML parts after canonicalisation (C14N 2.0, so attribute order,
namespace declarations, quoting and the XML declaration do not count; elements,
attributes, text, comments and processing instructions do), other parts byte for byte.
Zip timestamps are ignored (archiving tools rewrite them and no reader shows them), and
compressed bytes are compared through what they decompress to, because zlib versions
compress differently.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from signoff.report.formats import excerpt

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_MAGIC = b"PK\x03\x04"
_CENTRAL_ENTRY_SIZE = 46
_END_RECORD_SIZE = 22
# Entry fields no reader shows but signoff always writes the same way; timestamps are left out.
_ENTRY_FIELDS = (
    "compress_type",
    "flag_bits",
    "extract_version",
    "create_version",
    "create_system",
    "reserved",
    "volume",
    "internal_attr",
    "external_attr",
    "extra",
    "comment",
)
# A part this much larger than the fresh rendering's is not read: it could be a zip bomb.
_MAX_GROWTH, _SLACK = 4, 1 << 16


def compare_packages(data: bytes, fresh: bytes) -> list[str]:
    """How the DOCX `data` differs from `fresh`; one line per difference, naming the part."""
    try:
        have = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        return [f"the file is not an intact zip package ({e})"]
    problem = _structure_problem(data, have)
    if problem:
        return [problem]
    want = zipfile.ZipFile(io.BytesIO(fresh))
    if have.comment != want.comment:
        return ["the zip package has a comment that signoff does not write"]
    have_entries = {i.filename: i for i in have.infolist()}
    want_entries = {i.filename: i for i in want.infolist()}
    out = [f"part {n} is missing" for n in want_entries if n not in have_entries]
    out += [f"part {n} was added; signoff does not write it" for n in have_entries if n not in want_entries]
    for name, w in want_entries.items():
        h = have_entries.get(name)
        if h is not None and (problem := _part_problem(have, h, want, w)):
            out.append(problem)
    return out


def _structure_problem(data: bytes, z: zipfile.ZipFile) -> str | None:
    entries = z.infolist()
    seen: set[str] = set()
    pos = 0
    for info in entries:
        if info.filename in seen:
            return f"the zip holds part {info.filename} twice; readers disagree on which one they show"
        seen.add(info.filename)
        if info.header_offset != pos:
            return f"the zip has bytes that belong to no part before part {info.filename}"
        if info.flag_bits & 0x08:
            return (
                f"part {info.filename} is stored with a data descriptor, which signoff never writes: "
                f"the package was saved again by another program"
            )
        head = data[pos : pos + _LOCAL_HEADER.size]
        if len(head) < _LOCAL_HEADER.size:
            return f"the zip is cut short in part {info.filename}"
        magic, version, flags, method, _time, _date, crc, csize, size, name_len, extra_len = (
            _LOCAL_HEADER.unpack(head)
        )
        start = pos + _LOCAL_HEADER.size
        name = data[start : start + name_len]
        extra = data[start + name_len : start + name_len + extra_len]
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        local = (magic, version, flags, method, crc, csize, size, name, extra)
        central = (
            _LOCAL_MAGIC,
            info.extract_version,
            info.flag_bits,
            info.compress_type,
            info.CRC,
            info.compress_size,
            info.file_size,
            info.orig_filename.encode(encoding),
            info.extra,
        )
        if local != central:
            return f"the local header of part {info.filename} disagrees with the zip's directory"
        pos = start + name_len + extra_len + info.compress_size
    directory = sum(
        _CENTRAL_ENTRY_SIZE
        + len(i.orig_filename.encode("utf-8" if i.flag_bits & 0x800 else "cp437"))
        + len(i.extra)
        + len(i.comment)
        for i in entries
    )
    if z.start_dir != pos or len(data) != pos + directory + _END_RECORD_SIZE + len(z.comment):
        return "the zip has bytes that belong to no part around its directory"
    return None


def _part_problem(
    have: zipfile.ZipFile, h: zipfile.ZipInfo, want: zipfile.ZipFile, w: zipfile.ZipInfo
) -> str | None:
    name = h.filename
    fields = [f for f in _ENTRY_FIELDS if getattr(h, f) != getattr(w, f)]
    if fields:
        return f"part {name}: its zip entry differs from what signoff writes ({', '.join(fields)})"
    if h.file_size > _MAX_GROWTH * w.file_size + _SLACK:
        return f"part {name} is {h.file_size} bytes where a fresh rendering's is {w.file_size}"
    try:
        got = have.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
        return f"part {name} is damaged ({e})"
    if len(got) != h.file_size:
        return f"part {name} is damaged (its size is not the one the zip states)"
    expected = want.read(name)
    if got == expected:
        return None
    if not name.endswith((".xml", ".rels")):
        return f"part {name} differs from a fresh rendering of the embedded report"
    have_xml, problem = canonical_xml(got)
    if problem:
        return f"part {name} {problem}"
    want_xml, _ = canonical_xml(expected)
    if have_xml == want_xml:
        return None
    return f"part {name} differs from a fresh rendering of the embedded report: {excerpt(have_xml, want_xml)}"


def canonical_xml(blob: bytes) -> tuple[str, str | None]:
    """(C14N 2.0 form, None), or ('', why it is not plain well-formed XML)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.ElementTree(etree.fromstring(blob, parser))
    except etree.XMLSyntaxError as e:
        return "", f"is not well-formed XML ({e.msg})"
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return "", "declares a document type, which signoff never writes"
    return etree.tostring(tree, method="c14n2", with_comments=True).decode("utf-8"), None

"""signoff: decide whether a customer-support AI is ready to launch, and leave the paper trail."""

__version__ = "0.1.0"

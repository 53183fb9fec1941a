"""Intelligence-mapping graph service for tackling child sexual exploitation."""

__version__ = "0.1.0"

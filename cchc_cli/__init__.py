"""cchc: the yearly administrative-reform (CCHC) plan as data."""

__version__ = "0.1.0"

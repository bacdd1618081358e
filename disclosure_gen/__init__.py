"""disclosure_gen: checked algorithm-recommendation disclosures from YAML."""

__version__ = "0.1.0"

"""The extractor's version: recorded with every piece of evidence, and part of the
extraction cache's fingerprint. Bump it when the extraction's behaviour changes.

Kept in a module of its own (no spaCy import) so a rebuild served from the cache
never loads the pipeline.
"""

EXTRACTOR_VERSION = "kg-extract/0.9.28"

"""Pydantic schemas of the files in content/: one module per kind of content."""

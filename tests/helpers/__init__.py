"""Helpers the tests share: factories of inputs and returns, document builders, Word editing, LibreOffice."""

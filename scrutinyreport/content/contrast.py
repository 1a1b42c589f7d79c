"""WCAG 2 contrast between two colours: for chart text and RAG cells, and for checking documents."""

from __future__ import annotations


def relative_luminance(colour: str) -> float:
    """Relative luminance of an 'RRGGBB' or '#RRGGBB' colour."""
    hex_digits = colour.lstrip("#")
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str = "FFFFFF") -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21 (against white unless a background is given)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)

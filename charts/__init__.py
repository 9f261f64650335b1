"""Draw charts as server-side SVG strings for web pages and PDF reports; imports nothing of the project."""

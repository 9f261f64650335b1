"""PDF and HTML reports: report context, charts (SVG) and rendering."""

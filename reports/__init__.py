"""PDF and HTML reports: report context and rendering; the charts come from the charts package."""

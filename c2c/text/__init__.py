"""Words and escaping: UI strings per language (strings/<lang>/*.json), language-aware names, and the one
place where data text is escaped for HTML, JSON in scripts and spreadsheets."""

"""One module per page kind; each serves an HTML page and its JSON twin from the same data."""

"""One module per CLI command group; each imports its heavy parts inside the command."""

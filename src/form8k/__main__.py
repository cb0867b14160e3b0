"""`python -m form8k`: the form8k command."""

from form8k.cli import main

main()

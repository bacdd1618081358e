"""``python -m disclosure_gen``: the same command line as ``disclosure-gen``."""

from disclosure_gen.cli import main

if __name__ == "__main__":
    main()

"""Small text helpers every stage uses: month names and dates (`dates`), ASCII case folding (`fold`)."""

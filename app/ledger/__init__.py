"""Excel ledgers (台账): import of the operator register with its carriers, and export.

Import is a pipeline of small, Qt-free steps, each usable on its own (the wizard, the CLI and the benchmark all
drive the same functions):

1. :mod:`app.ledger.sniff` — sniff the file, refuse what is not a spreadsheet or is a zip bomb;
   :mod:`app.ledger.reader` — list the sheets, read one sheet's cells (python-calamine; csv via the csv module),
   refusing million-row sheets before they exhaust memory;
2. :mod:`app.ledger.headers` — find the header row under title rows, fold merged header cells, map columns to
   fields by Chinese header variants and provincial field names; a layout hash remembers the user's mapping;
3. :mod:`app.ledger.parse` + :mod:`app.ledger.normalise` — turn each data row into normalised field values,
   with every problem tied to its row and column;
4. :mod:`app.ledger.classify` — key rows by identifier (natural persons by name + ID or phone), compare with the
   register and classify them new / changed / unchanged / conflicting / rejected, validating with the registry's
   own rules, into the items of a :class:`app.ledger.preview.Preview`. Nothing is written;
5. :mod:`app.ledger.commit` — write a preview in one transaction with an audit entry per change and an import batch
   holding the before-images, so :func:`app.ledger.undo.undo_last_import` restores the prior rows exactly;
6. :mod:`app.ledger.error_report` — a workbook of the problem rows, bad cells highlighted, reasons in comments.

Export (:mod:`app.ledger.export`) streams the register through openpyxl's write-only mode, masks personal data
unless asked, and never writes a cell that a spreadsheet would run as a formula.
:mod:`app.ledger.service` wires the steps to an open :class:`localdb.database.Database`.
"""

"""The roster (名单): officials and reviewers from an XLSX or CSV file.

``reader`` turns the file into rows (tablib, openpyxl; pure), ``plan`` compares them with
the database and says what each row would do or why it is bad, ``apply`` writes a plan
with no bad row, ``passwords`` makes the one-time passwords of new logins.
"""

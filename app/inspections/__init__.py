"""Inspections (issue 3), Qt-free: checklist templates, tasks and the 双随机 draw, inspection records with draft
autosave, electronic evidence, finalizing into a hash chain, rectification, and the dashboard figures.

One module per use case; each service takes the open database(s) through its constructor and opens one
transaction per user action. Records crossing to the UI are plain dataclasses (app/inspections/data.py).
"""

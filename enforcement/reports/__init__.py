"""Client reports: one period's figures for one client, as PDF and XLSX (``data``, ``pdf``,
``xlsx``); generated on demand and e-mailed monthly (``services/client_reports.py``)."""

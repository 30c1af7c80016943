"""gunicorn settings, read from the working directory (README: started in the project folder).

Issue #16 (report channel for discrimination, docs/threat-model-antidiscrimination.md): the
access log must not carry who asked. gunicorn's default line starts with the client address
(%(h)s) and ends with Referer and User-Agent; this one keeps time, method, path (without the
query string), status, size and duration. Receipt codes never appear in URLs (they are posted).
"""

access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

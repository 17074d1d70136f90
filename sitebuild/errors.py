"""The one kind of error an editor's mistake raises, whichever module finds it."""


class SiteError(Exception):
    """An editor's mistake (a data file, a page, mkdocs.yml, a template): the message names the
    file and the key or line, one line per mistake. Never shown with a traceback: the MkDocs
    hook prints the message alone (sitebuild/mkdocs_hooks.py), and so do the commands."""

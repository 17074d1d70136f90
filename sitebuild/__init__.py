"""The site's build logic, free of any site generator (README, "How the site is built").

    data/ ──> extension.py (each page's Markdown) ──> the engine ──> postbuild.py (final HTML)

- Plain modules, engine-free: facts, checker, kit (data/ and what is made from it), content and
  kit_blocks (HTML blocks), markers (the `<!-- ns:NAME -->` table), typography, languages,
  css_bundle, theme_rules, csp_policy, data (loading).
- extension.py: a Python-Markdown extension, for any engine that renders with Python-Markdown.
- postbuild.py: the step over the built folder, also a command (python -m sitebuild.postbuild).
- mkdocs_hooks.py: MkDocs' (and ProperDocs') thin adapter, listed under `hooks:` in mkdocs.yml.
The tests and the scripts import these modules too.
"""

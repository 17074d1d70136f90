"""The site's build logic, free of any site generator: plain modules that read data/ and shape
pages. MkDocs' hooks, the tests and the scripts import them from here."""

"""``newsbrief import-ablog``: convert an ABlog site into a sphinx-newsbrief site.

The source folder is copied and the copy converted, file by file, as text:
what can be said in sphinx-newsbrief is rewritten in place and everything else
is kept as written and listed in a report.

- :mod:`.site`: what the ABlog ``conf.py`` says (read with :mod:`ast`, never run);
- :mod:`.dates`: ABlog's free-form dates as ISO dates;
- :mod:`.options`: a post's ABlog options as article metadata;
- :mod:`.rst`, :mod:`.myst`, :mod:`.notebook`: posts in each kind of source;
- :mod:`.directives`: ``postlist`` and ``update``;
- :mod:`.refs`: references to ABlog's labels;
- :mod:`.confpy`: the converted ``conf.py``;
- :mod:`.report`: what was converted and what had no place to go;
- :mod:`.command`: the command, putting it together.
"""

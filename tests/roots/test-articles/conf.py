extensions = ["sphinx_newsbrief"]
project = "articles"
exclude_patterns = ["_build"]
newsbrief_article_patterns = ["desk/*"]
show_warning_types = True

extensions = ["sphinx_newsbrief"]
show_warning_types = True

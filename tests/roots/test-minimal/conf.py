extensions = ["sphinx_newsbrief"]

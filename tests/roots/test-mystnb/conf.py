# A MyST-NB project; the tests set `extensions` in both orders.
project = "Notebooks"
exclude_patterns = ["_build"]
nb_execution_mode = "off"
show_warning_types = True

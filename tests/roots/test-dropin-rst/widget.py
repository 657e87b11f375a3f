"""Widgets: a tiny module documented with autodoc."""


class Widget:
    """A widget with a *name*.

    :param name: what to call it
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def spin(self, times: int = 1) -> str:
        """Spin the widget ``times`` times and say so."""
        return f"{self.name} spun {times} times"

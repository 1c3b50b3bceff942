"""Sentences of the Log and Athletes pages that their tests assert by name (a page script can't be
imported by a test: importing it would run it)."""

INPUTS_DIFFER = ("The plan uses this log with the sidebar's inputs, which differ from the ones saved with "
                 "**{name}** ({changes}): save them on the Athletes page, or open the saved ones.")
"""The Log page, when the sidebar's inputs are not the ones saved with the runner's own log."""
INPUTS_SAVED = "The plan uses this log with the inputs saved with **{name}**."
"""The Log page, when they are."""
OPEN_BY_NAME = "Open athlete by name"
"""The label of the one athlete control shown while presenting (no roster)."""
PRESENTING_NO_ROSTER = ("Presentation mode shows only the open athlete. To open another, type their full name: "
                        "the list stays off the screen.")
"""The Athletes page's caption while presenting."""
NO_SUCH_NAME = "No athlete has that name. Check the spelling: the whole name is needed."
"""While presenting, a typed name that matches no athlete (never a list of names)."""
SAME_NAME_TWICE = ("Several athletes have that name in different capitals: type it exactly as it is saved "
                   "(capitals included).")
"""While presenting, a typed name that matches more than one athlete once capitals are ignored."""
REVIEW_WITH_SIDEBAR = "With their log and the sidebar's inputs: the plan every page shows."
"""The Athletes page, above the open athlete's last two weeks: which inputs that plan uses."""
REVIEW_WITH_SAVED = ("With their log and the inputs of their latest version ({number}): open them to see this "
                     "plan on every page.")
"""The Athletes page, above another athlete's last two weeks."""

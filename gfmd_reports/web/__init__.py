"""The local web form in which rapporteurs draft their reports (see ``app``)."""

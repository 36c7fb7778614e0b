"""The secretariat's web service (`zidocs serve`): Django pages over ``zidocs.api``.

The web layer holds no document logic: every page reads or changes the
workspace through ``zidocs.api`` and shows the result. Django is configured in
code for one workspace (``conf.configure``); everything the service stores
itself (users, sessions, jobs, audit log, login throttling) lives in
``<workspace>/.zidocs/web.sqlite3``.
"""

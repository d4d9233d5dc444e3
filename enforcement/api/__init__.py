"""The REST API (`/api/`): read endpoints and two writes, with per-user bearer tokens.

Every query goes through :class:`scope.ApiScope` (``visible_to(user)``, then what the portal
shows a client's people); writes go through the services, as the pages' do.
"""

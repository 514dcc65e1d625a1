import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ncbnet.settings")
django_application = get_wsgi_application()

from ncbnet import longlived  # noqa: E402 -- after Django is set up
from ncbnet.api.hotpath import HotPath  # noqa: E402
from ncbnet.members.actor_cache import ACTORS  # noqa: E402
from ncbnet.serving import RequestOnly  # noqa: E402

# Outermost first: the request's own variables only (not the server process's environment), then the front line's
# single checks without the general request cycle, then Django.
hot_path = HotPath(django_application)
# The URLconf (every API operation and its schemas) and the hot path's routes loaded now, in each worker as it
# starts, rather than by the first request that worker serves: 0.3 s of CPU that a border post's first check paid.
hot_path.routes()
application = RequestOnly(hot_path)
ACTORS.enable()  # PostgreSQL: API tokens' actors kept until the database says they changed

longlived.freeze()  # everything loaded so far lives as long as the process: the collector need not walk it again

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ncbnet.settings")
application = get_wsgi_application()

from ncbnet import longlived  # noqa: E402 -- after Django is set up

longlived.freeze()  # everything loaded so far lives as long as the process: the collector need not walk it again

#!/bin/sh
# Launcher installed as /usr/bin/gridstation by the GridStation .deb; the app lives in /opt/gridstation.
exec /opt/gridstation/gridstation "$@"

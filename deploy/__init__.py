"""What an operator needs to run the planner for several coaches: an nginx site config, a Dockerfile,
a compose file and the ``[auth]`` secrets template; ``deploy.local`` starts the same topology on
loopback from Debian's packages (what the tests in ``tests/deploy/`` run)."""

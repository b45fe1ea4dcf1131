from samverkan.core.testing import Visit, everyone

VISITS = [
    Visit("core:accessibility", everyone(200)),
    Visit("core:health", everyone(200)),
]

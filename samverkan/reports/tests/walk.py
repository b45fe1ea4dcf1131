from samverkan.core.testing import Visit, everyone

VISITS = [
    Visit("reports:home", everyone(200)),
]

from django.core.management import call_command

from samverkan.accounts.models import User
from samverkan.organisations.models import Organisation


def test_the_generator_runs_at_smoke_scale_and_is_deterministic(db):
    call_command("generate_data", "--scale", "smoke", "--seed", "7", "--quiet", verbosity=0)
    first = sorted(User.objects.filter(username__startswith="gen-").values_list("username", "role"))
    assert first, "no people generated"
    assert Organisation.objects.municipalities().count() == 26
    call_command("generate_data", "--scale", "smoke", "--seed", "7", "--quiet", verbosity=0)
    assert sorted(User.objects.filter(username__startswith="gen-").values_list("username", "role")) == first

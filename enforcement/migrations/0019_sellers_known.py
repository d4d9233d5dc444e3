# Sellers are known: contact details, automatic networks, a risk score from factors.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# code, points for each, at most, counted over the last … days (None: all on file).
# At most 100 in all: removed links weigh most, then lost counter-notices and relists.
FACTORS = [
    ("removed_links", 5, 30, 180),
    ("lost_counter_notices", 10, 20, 365),
    ("relists", 10, 20, 365),
    ("stores", 2, 10, None),
    ("platforms", 5, 10, None),
    ("network_listings", 1, 10, 180),
]


def seed(apps, schema_editor):
    Factor = apps.get_model("enforcement", "SellerRiskFactor")
    for code, each, cap, days in FACTORS:
        Factor.objects.get_or_create(
            code=code, defaults={"points_each": each, "cap": cap, "window_days": days}
        )
    # Every network on file so far was made by hand.
    Seller = apps.get_model("enforcement", "Seller")
    Seller.objects.filter(network__isnull=False).update(network_source="manual")




class Migration(migrations.Migration):

    dependencies = [
        ('enforcement', '0018_seed_us_federal_calendar'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSellerRiskFactor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('code', models.CharField(choices=[('removed_links', 'Links removed after our complaints'), ('lost_counter_notices', 'Counter-notices the seller lost'), ('stores', 'Other stores of the same operator'), ('platforms', 'Other platforms the operator sells on'), ('network_listings', 'Listings reported across its network'), ('relists', 'Removed listings reported again')], db_index=True, max_length=30, verbose_name='factor')),
                ('points_each', models.PositiveSmallIntegerField(verbose_name='points for each')),
                ('cap', models.PositiveSmallIntegerField(verbose_name='at most')),
                ('window_days', models.PositiveSmallIntegerField(blank=True, help_text='Empty: everything on file counts.', null=True, verbose_name='counted over the last … days')),
                ('is_active', models.BooleanField(default=True, verbose_name='counted')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical seller risk factor',
                'verbose_name_plural': 'historical seller risk factors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SellerRiskFactor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('code', models.CharField(choices=[('removed_links', 'Links removed after our complaints'), ('lost_counter_notices', 'Counter-notices the seller lost'), ('stores', 'Other stores of the same operator'), ('platforms', 'Other platforms the operator sells on'), ('network_listings', 'Listings reported across its network'), ('relists', 'Removed listings reported again')], max_length=30, unique=True, verbose_name='factor')),
                ('points_each', models.PositiveSmallIntegerField(verbose_name='points for each')),
                ('cap', models.PositiveSmallIntegerField(verbose_name='at most')),
                ('window_days', models.PositiveSmallIntegerField(blank=True, help_text='Empty: everything on file counts.', null=True, verbose_name='counted over the last … days')),
                ('is_active', models.BooleanField(default=True, verbose_name='counted')),
            ],
            options={
                'verbose_name': 'seller risk factor',
                'verbose_name_plural': 'seller risk factors',
                'ordering': ['code'],
            },
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='address',
            field=models.CharField(blank=True, max_length=500, verbose_name='address'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='company_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='company name'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='email',
            field=models.CharField(blank=True, max_length=254, verbose_name='e-mail'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='keep_out_of_automatic_networks',
            field=models.BooleanField(default=False, help_text='The firm knows this store is not the operator its contact details suggest.', verbose_name='never group automatically'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='network_source',
            field=models.CharField(blank=True, choices=[('', 'No network'), ('manual', 'Linked by the firm'), ('automatic', 'Shared contact details')], default='', editable=False, max_length=10, verbose_name='network from'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='phone',
            field=models.CharField(blank=True, max_length=64, verbose_name='phone'),
        ),
        migrations.AddField(
            model_name='historicalseller',
            name='wechat_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='WeChat id'),
        ),
        migrations.AddField(
            model_name='historicalsellernetwork',
            name='is_automatic',
            field=models.BooleanField(default=False, editable=False, help_text='Made by the nightly grouping of sellers that share contact details.', verbose_name='grouped automatically'),
        ),
        migrations.AddField(
            model_name='seller',
            name='address',
            field=models.CharField(blank=True, max_length=500, verbose_name='address'),
        ),
        migrations.AddField(
            model_name='seller',
            name='company_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='company name'),
        ),
        migrations.AddField(
            model_name='seller',
            name='email',
            field=models.CharField(blank=True, max_length=254, verbose_name='e-mail'),
        ),
        migrations.AddField(
            model_name='seller',
            name='keep_out_of_automatic_networks',
            field=models.BooleanField(default=False, help_text='The firm knows this store is not the operator its contact details suggest.', verbose_name='never group automatically'),
        ),
        migrations.AddField(
            model_name='seller',
            name='network_source',
            field=models.CharField(blank=True, choices=[('', 'No network'), ('manual', 'Linked by the firm'), ('automatic', 'Shared contact details')], default='', editable=False, max_length=10, verbose_name='network from'),
        ),
        migrations.AddField(
            model_name='seller',
            name='phone',
            field=models.CharField(blank=True, max_length=64, verbose_name='phone'),
        ),
        migrations.AddField(
            model_name='seller',
            name='risk_score',
            field=models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='risk score'),
        ),
        migrations.AddField(
            model_name='seller',
            name='risk_scored_at',
            field=models.DateTimeField(editable=False, null=True, verbose_name='risk scored at'),
        ),
        migrations.AddField(
            model_name='seller',
            name='risk_terms',
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name='risk factors'),
        ),
        migrations.AddField(
            model_name='seller',
            name='wechat_id',
            field=models.CharField(blank=True, max_length=64, verbose_name='WeChat id'),
        ),
        migrations.AddField(
            model_name='sellernetwork',
            name='is_automatic',
            field=models.BooleanField(default=False, editable=False, help_text='Made by the nightly grouping of sellers that share contact details.', verbose_name='grouped automatically'),
        ),
        migrations.AddIndex(
            model_name='seller',
            index=models.Index(fields=['-risk_score', 'id'], name='seller_risk_idx'),
        ),
        migrations.AddField(
            model_name='historicalsellerriskfactor',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]

"""Create the shared schema: the tables every implementation reads and writes.

Tables come in the order their references need; each states its unique keys, indexes and
cascading foreign keys by the shared names. ``python -m impl_django migrate`` fakes this
migration when another implementation has created the tables already.
"""

from django.db import migrations, models

import impl_django.conduit.constraints
import impl_django.conduit.fields

Id = impl_django.conduit.fields.IdField
Timestamp = impl_django.conduit.fields.TimestampField
CascadingForeignKey = impl_django.conduit.constraints.CascadingForeignKey


def reference(to, related_name):
    return models.ForeignKey(
        db_constraint=False,
        db_index=False,
        on_delete=models.deletion.DO_NOTHING,
        related_name=related_name,
        to=to,
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("username", models.CharField(max_length=64)),
                ("email", models.CharField(max_length=254)),
                ("password_hash", models.CharField(max_length=255)),
                ("bio", models.TextField(blank=True, null=True)),
                ("image", models.TextField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "Conduit user",
                "db_table": "users",
                "constraints": [
                    models.UniqueConstraint(fields=("username",), name="users_username_key"),
                    models.UniqueConstraint(fields=("email",), name="users_email_key"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Follow",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("follower", reference("conduit.user", "+")),
                ("followed", reference("conduit.user", "+")),
            ],
            options={
                "db_table": "follows",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("follower", "followed"),
                        name="follows_follower_id_followed_id_key",
                    ),
                    CascadingForeignKey(field="follower", name="follows_follower_id_fkey"),
                    CascadingForeignKey(field="followed", name="follows_followed_id_fkey"),
                ],
                "indexes": [models.Index(fields=["followed"], name="follows_followed_id_idx")],
            },
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=64)),
            ],
            options={
                "db_table": "tags",
                "ordering": ["name"],
                "constraints": [models.UniqueConstraint(fields=("name",), name="tags_name_key")],
            },
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("slug", models.CharField(max_length=120)),
                ("title", models.CharField(max_length=255)),
                ("description", models.TextField()),
                ("body", models.TextField()),
                ("author", reference("conduit.user", "articles")),
                ("created_at", Timestamp()),
                ("updated_at", Timestamp()),
            ],
            options={
                "db_table": "articles",
                "constraints": [
                    models.UniqueConstraint(fields=("slug",), name="articles_slug_key"),
                    CascadingForeignKey(field="author", name="articles_author_id_fkey"),
                ],
                "indexes": [
                    models.Index(fields=["author"], name="articles_author_id_idx"),
                    models.Index(fields=["created_at"], name="articles_created_at_idx"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ArticleTag",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("article", reference("conduit.article", "+")),
                ("tag", reference("conduit.tag", "+")),
            ],
            options={
                "db_table": "article_tags",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "tag"), name="article_tags_article_id_tag_id_key"
                    ),
                    CascadingForeignKey(field="article", name="article_tags_article_id_fkey"),
                    CascadingForeignKey(field="tag", name="article_tags_tag_id_fkey"),
                ],
                "indexes": [models.Index(fields=["tag"], name="article_tags_tag_id_idx")],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="tags",
            field=models.ManyToManyField(
                related_name="articles", through="conduit.ArticleTag", to="conduit.tag"
            ),
        ),
        migrations.CreateModel(
            name="Favorite",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("user", reference("conduit.user", "+")),
                ("article", reference("conduit.article", "+")),
            ],
            options={
                "db_table": "favorites",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "article"), name="favorites_user_id_article_id_key"
                    ),
                    CascadingForeignKey(field="user", name="favorites_user_id_fkey"),
                    CascadingForeignKey(field="article", name="favorites_article_id_fkey"),
                ],
                "indexes": [models.Index(fields=["article"], name="favorites_article_id_idx")],
            },
        ),
        migrations.CreateModel(
            name="Comment",
            fields=[
                ("id", Id(primary_key=True, serialize=False)),
                ("body", models.TextField()),
                ("article", reference("conduit.article", "comments")),
                ("author", reference("conduit.user", "comments")),
                ("created_at", Timestamp()),
                ("updated_at", Timestamp()),
            ],
            options={
                "db_table": "comments",
                "constraints": [
                    CascadingForeignKey(field="article", name="comments_article_id_fkey"),
                    CascadingForeignKey(field="author", name="comments_author_id_fkey"),
                ],
                "indexes": [
                    models.Index(fields=["article"], name="comments_article_id_idx"),
                    models.Index(fields=["author"], name="comments_author_id_idx"),
                ],
            },
        ),
    ]

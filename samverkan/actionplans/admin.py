from django.contrib import admin

from samverkan.actionplans.models import ActionPlan, Area, FollowUpRound, ImportJob, Measure, Report


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "period_start", "period_end"]
    inlines = [AreaInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "rank", "parent"]
    list_filter = ["plan"]


@admin.register(FollowUpRound)
class FollowUpRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "opened_on", "deadline", "closed_on"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["measure", "organisation", "round", "status", "progress"]
    list_filter = ["round", "status"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "created_at"]
    exclude = ["content"]

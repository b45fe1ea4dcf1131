from django.contrib import admin

from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    ConsultationResponse,
    ConsultationRound,
    DecisionStep,
    Paragraph,
    ParagraphComment,
)


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "county"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "title", "dated", "status"]
    inlines = [ParagraphInline]


@admin.register(ConsultationRound)
class ConsultationRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "sent_on", "deadline", "closed_on"]


class StepInline(admin.TabularInline):
    model = DecisionStep
    extra = 0


class CommentInline(admin.TabularInline):
    model = ParagraphComment
    extra = 0


@admin.register(ConsultationResponse)
class ConsultationResponseAdmin(admin.ModelAdmin):
    list_display = ["organisation", "round", "status", "stance", "extended_deadline"]
    list_filter = ["status", "stance", "round"]
    inlines = [StepInline, CommentInline]

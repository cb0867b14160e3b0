"""Row label -> US-GAAP concept: the rules of data/concept_rules.csv on labels from real statements."""

from __future__ import annotations

import csv
from decimal import Decimal
from importlib import resources
from typing import NamedTuple

import pytest

from form8k.statements.concepts import match_default, match_label, normalize_label, rules, sign_factor


class Example(NamedTuple):
    label: str
    statement: str
    concept: str | None
    section: tuple[str, ...] = ()
    unit: str = "USD"


EXAMPLES = [
    # income statements
    Example("Total revenues", "income", "Revenues"),
    Example("Net sales", "income", "Revenues"),
    Example("Total net sales (1)", "income", "Revenues"),
    Example("SALES, Net of returns and allowances", "income", "Revenues"),
    Example("Total Revenues", "income", "Revenues"),
    Example("Research and development support", "income", None),  # a revenue line, not R&D
    Example("Cost of sales", "income", "CostOfRevenue"),
    Example("Total cost of revenue", "income", "CostOfRevenue"),
    Example("Cost of sales, buying and occupancy", "income", "CostOfRevenue"),
    Example("COST OF SALES (Including buying, distribution, and occupancy costs)", "income", "CostOfRevenue"),
    Example("Cost of revenue - products", "income", None),  # a component, not the total
    Example("Cost of clinical materials reimbursed", "income", None),
    Example("Gross margin", "income", "GrossProfit"),
    Example("Research and development", "income", "ResearchAndDevelopmentExpense"),
    Example("Selling, general and administrative", "income", "SellingGeneralAndAdministrativeExpense"),
    Example("Selling and administrative", "income", "SellingGeneralAndAdministrativeExpense"),
    Example("General and administrative", "income", "GeneralAndAdministrativeExpense"),
    Example("Sales and marketing", "income", "SellingAndMarketingExpense"),
    Example("Total operating expenses", "income", "OperatingExpenses"),
    Example("", "income", "OperatingExpenses", ("OPERATING EXPENSES:",)),  # an unlabelled subtotal
    Example("Total costs and expenses", "income", "CostsAndExpenses"),
    Example("Operating income", "income", "OperatingIncomeLoss"),
    Example("Loss from operations", "income", "OperatingIncomeLoss"),
    Example("INCOME FROM OPERATIONS", "income", "OperatingIncomeLoss"),
    Example("Operating income/ (loss)", "income", "OperatingIncomeLoss"),
    Example("Interest expense", "income", "InterestExpense"),
    Example("Interest, net", "income", None),
    Example("Other income, net", "income", "OtherNonoperatingIncomeExpense"),
    Example("Other income and expense", "income", "OtherNonoperatingIncomeExpense"),
    Example("Other income/(expense), net", "income", "OtherNonoperatingIncomeExpense"),
    Example("Non-operating (expense) income, net", "income", "OtherNonoperatingIncomeExpense"),
    Example("Total non-operating income (expense), net", "income", "NonoperatingIncomeExpense"),
    Example("Income (loss) before taxes", "income",
            "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"),
    Example("Income before provision for income taxes", "income",
            "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"),
    Example("Income before income taxes, minority interest and cumulative effect of change in accounting principle",
            "income", "IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"),
    Example("Provision for income taxes", "income", "IncomeTaxExpenseBenefit"),
    Example("Income tax expense", "income", "IncomeTaxExpenseBenefit"),
    Example("Net income (loss)", "income", "NetIncomeLoss"),
    Example("NET INCOME/ (LOSS)", "income", "NetIncomeLoss"),
    Example("Net loss", "income", "NetIncomeLoss"),
    Example("Net income attributable to Apple Inc.", "income", "NetIncomeLoss"),
    Example("Net income attributable to noncontrolling interests", "income",
            "NetIncomeLossAttributableToNoncontrollingInterest"),
    Example("Income before cumulative effect of change in accounting principle", "income",
            "IncomeLossBeforeExtraordinaryItemsAndCumulativeEffectOfChangeInAccountingPrinciple"),
    # per share and shares
    Example("Basic", "income", "EarningsPerShareBasic", ("Earnings per share:",), "USD/share"),
    Example("Diluted", "income", "EarningsPerShareDiluted", ("EARNINGS PER SHARE:",), "USD/share"),
    Example("Basic", "income", "WeightedAverageNumberOfSharesOutstandingBasic",
            ("Shares used in computing earnings per share:",), "shares"),
    Example("Diluted", "income", "WeightedAverageNumberOfDilutedSharesOutstanding",
            ("WEIGHTED AVERAGE COMMON SHARES OUTSTANDING:",), "shares"),
    Example("Earnings/ (loss) per share", "income", "EarningsPerShareBasic",
            ("EARNINGS/ (LOSS) PER COMMON SHARE", "Basic"), "USD/share"),
    Example("Earnings per share before cumulative effect of change in accounting principle", "income", None,
            ("EARNINGS/ (LOSS) PER COMMON SHARE", "Basic"), "USD/share"),
    Example("Basic net income per share", "income", "EarningsPerShareBasic", (), "USD/share"),
    Example("Net income (loss) per common share, basic and diluted", "income", "EarningsPerShareBasicAndDiluted",
            (), "USD/share"),
    Example("Shares used to compute diluted net income per share", "income",
            "WeightedAverageNumberOfDilutedSharesOutstanding", (), "shares"),
    Example("Average common shares outstanding, basic and diluted", "income",
            "WeightedAverageNumberOfShareOutstandingBasicAndDiluted", (), "shares"),
    Example("Average common equivalent shares outstanding", "income",
            "WeightedAverageNumberOfDilutedSharesOutstanding", (), "shares"),
    Example("Continuing operations - basic", "income", "IncomeLossFromContinuingOperationsPerBasicShare",
            ("Net earnings per share (Notes 1 and 15)",), "USD/share"),
    Example("Discontinued operations - diluted", "income", "IncomeLossFromDiscontinuedOperationsNetOfTaxPerDilutedShare",
            ("Net earnings per share (Notes 1 and 15)",), "USD/share"),
    Example("Income from continuing operations", "income", "IncomeLossFromContinuingOperationsPerDilutedShare",
            ("Diluted earnings per share:",), "USD/share"),
    Example("Loss from discontinued operations, net of tax", "income",
            "IncomeLossFromDiscontinuedOperationsNetOfTaxPerBasicShare", ("Basic net loss per share:",), "USD/share"),
    Example("Cost of sales", "income", None, ("(1) Includes stock-based compensation expense as follows:",)),
    # balance sheets
    Example("Cash and cash equivalents", "balance", "CashAndCashEquivalentsAtCarryingValue"),
    Example("Cash and marketable securities", "balance", "CashCashEquivalentsAndShortTermInvestments"),
    Example("Total current assets", "balance", "AssetsCurrent"),
    Example("TOTAL ASSETS", "balance", "Assets"),
    Example("TOTAL", "balance", "Assets", ("ASSETS",)),
    Example("TOTAL", "balance", "LiabilitiesAndStockholdersEquity", ("LIABILITIES AND STOCKHOLDERS' EQUITY",)),
    Example("Current liabilities", "balance", "LiabilitiesCurrent"),
    Example("Total liabilities", "balance", "Liabilities"),
    Example("Total shareholders’ equity", "balance", "StockholdersEquity"),
    Example("Stockholders' equity", "balance", "StockholdersEquity"),
    Example("Total liabilities and shareholders’ equity", "balance", "LiabilitiesAndStockholdersEquity"),
    Example("TOTAL LIABILITIES AND EQUITY", "balance", "LiabilitiesAndStockholdersEquity"),
    Example("Equity", "balance", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"),
    Example("Total deposits", "balance", "Deposits"),
    # cash flows
    Example("Net cash provided by operating activities", "cash_flow", "NetCashProvidedByUsedInOperatingActivities"),
    Example("Cash generated by/(used in) investing activities", "cash_flow",
            "NetCashProvidedByUsedInInvestingActivities"),
    Example("Net cash used for financing activities", "cash_flow", "NetCashProvidedByUsedInFinancingActivities"),
    Example("Adjustments to reconcile net income to net cash provided by operating activities", "cash_flow", None),
    Example("Cash and cash equivalents, end of the period", "cash_flow", "CashAndCashEquivalentsAtCarryingValue"),
    Example("Other", "cash_flow", "ProceedsFromPaymentsForOtherFinancingActivities", ("Financing activities",)),
    Example("Other, net", "cash_flow", "PaymentsForProceedsFromOtherInvestingActivities", ("Investing activities",)),
    Example("Cash & cash equivalents, including restricted, at beginning of year", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("Cash and cash equivalents at end of period (including restricted)", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("Cash, cash equivalents, and restricted cash and cash equivalents, ending balances", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("Cash, cash equivalents, restricted cash and restricted cash equivalents - beginning of period", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("CASH, CASH EQUIVALENTS AND RESTRICTED CASH, BEGINNING OF YEAR", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("Cash, cash equivalents and restricted cash, ending balances", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    Example("Net income", "cash_flow", "NetIncomeLoss"),
    # filers' own wordings of the headline lines
    Example("TOTAL OPERATING ACTIVITIES", "cash_flow", "NetCashProvidedByUsedInOperatingActivities"),
    Example("TOTAL FINANCING ACTIVITIES", "cash_flow", "NetCashProvidedByUsedInFinancingActivities"),
    Example("Earnings (loss) per common share (dollars)", "income", "EarningsPerShareBasic", unit="USD/share"),
    Example("Earnings (loss) per common share - assuming dilution (dollars)", "income", "EarningsPerShareDiluted",
            unit="USD/share"),
    Example("ExxonMobil share of equity", "balance", "StockholdersEquity"),
    Example("Equity Attributable to Shareowners of The Coca-Cola Company", "balance", "StockholdersEquity"),
    Example("Mastercard Incorporated Stockholders' Equity", "balance", "StockholdersEquity"),
    Example("Total liabilities and stockholders' equity", "balance", "LiabilitiesAndStockholdersEquity"),
    Example("Equity attributable to noncontrolling interests", "balance", "MinorityInterest"),  # never the parent's
    Example("Consolidated net income attributable to Walmart", "income", "NetIncomeLoss"),
    Example("Net loss attributable to Boeing common shareholders", "income", "NetIncomeLoss"),
    Example("Sales to customers", "income", "Revenues"),
    Example("Less: Restricted cash and restricted cash equivalents at end of year", "cash_flow",
            "RestrictedCashAndCashEquivalents"),
    Example("Payments for acquisition of property, plant and equipment", "cash_flow",
            "PaymentsToAcquirePropertyPlantAndEquipment"),
    Example("Payments for dividends and dividend equivalents", "cash_flow", "PaymentsOfDividends"),
    Example("Dividends to shareholders", "cash_flow", "PaymentsOfDividends"),
    Example("Proceeds from sales of marketable securities", "cash_flow", "ProceedsFromSaleOfAvailableForSaleSecuritiesDebt"),
    Example("Maturities of marketable securities", "cash_flow",
            "ProceedsFromMaturitiesPrepaymentsAndCallsOfAvailableForSaleSecurities"),
    Example("Purchases of marketable securities", "cash_flow", "PaymentsToAcquireAvailableForSaleSecuritiesDebt"),
    Example("Cash paid for income taxes, net", "cash_flow", "IncomeTaxesPaidNet"),
    Example("Cash paid for interest", "cash_flow", "InterestPaidNet"),
    Example("Depreciation and amortization of property, equipment and intangibles", "cash_flow",
            "DepreciationDepletionAndAmortization"),
    Example("Technology and development", "income", "ResearchAndDevelopmentExpense"),
    Example("Term debt", "balance", "LongTermDebtCurrent", ("Current liabilities:",)),
    Example("Term debt", "balance", "LongTermDebtNoncurrent", ("Non-current liabilities:",)),
    Example("Acquired intangible assets, net", "balance", "IntangibleAssetsNetExcludingGoodwill"),
    Example("Noncontrolling interests in subsidiaries", "balance", "MinorityInterest"),
    Example("Redeemable noncontrolling interests in subsidiaries", "balance", None),
    Example("Net increase/(decrease) in cash, cash equivalents and restricted cash", "cash_flow",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
    Example("Repayments of term debt", "cash_flow", "RepaymentsOfLongTermDebt"),
    Example("Proceeds from issuance of term debt, net", "cash_flow", "ProceedsFromIssuanceOfLongTermDebt"),
    Example("Principal payments on finance leases", "cash_flow", "FinanceLeasePrincipalPayments"),
    Example("Asset write-downs", "cash_flow", "AssetImpairmentCharges"),
    Example("Debt due within one year", "balance", "DebtCurrent"),
    Example("Equity income (loss) — net", "income", "IncomeLossFromEquityMethodInvestments"),
    Example("Interest and other income (expense), net", "income", "NonoperatingIncomeExpense"),
    Example("Total non-current assets", "balance", "AssetsNoncurrent"),
    Example("Total non-current liabilities", "balance", "LiabilitiesNoncurrent"),
    Example("Marketable securities", "balance", "MarketableSecuritiesCurrent", ("Current assets:",)),
    Example("Marketable securities", "balance", "MarketableSecuritiesNoncurrent", ("Non-current assets:",)),
    Example("Effect of dilutive securities", "income", "WeightedAverageNumberDilutedSharesOutstandingAdjustment",
            unit="shares"),
    Example("Share-based plans expense", "cash_flow", "ShareBasedCompensation"),
    Example("Debt issuance costs", "cash_flow", "PaymentsOfDebtIssuanceCosts"),
    Example("Distributions paid to noncontrolling interests in subsidiaries", "cash_flow",
            "PaymentsToMinorityShareholders"),
    Example("Dividends paid to noncontrolling interest", "cash_flow", "PaymentsOfDividendsMinorityInterest"),
    # labels most filers print, whatever filer prints them
    Example("Discontinued operations", "income", "IncomeLossFromDiscontinuedOperationsNetOfTaxPerBasicShare",
            ("Basic earnings per share:",), "USD/share"),
    Example("Total costs and other deductions", "income", "CostsAndExpenses"),
    Example("Selling, marketing and administrative expenses", "income", "SellingGeneralAndAdministrativeExpense"),
    Example("Property and equipment, less accumulated depreciation and amortization of $5,100 and $4,800", "balance",
            "PropertyPlantAndEquipmentNet"),
    Example("Intangible assets, net of accumulated amortization of $1,085 and $1,046", "balance",
            "IntangibleAssetsNetExcludingGoodwill"),
    Example("Long-term debt, net of current portion", "balance", "LongTermDebtNoncurrent"),
    Example("Depreciation, depletion and amortization", "cash_flow", "DepreciationDepletionAndAmortization"),
    Example("Payments to acquire property, plant and equipment", "cash_flow",
            "PaymentsToAcquirePropertyPlantAndEquipment"),
    # a statement"s own concepts only
    Example("Total assets", "income", None),
    Example("Total revenues", "balance", None),
]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.statement}:{e.label or '(blank)'}:{e.unit}" for e in EXAMPLES])
def test_label_to_concept(example: Example) -> None:
    rule = match_label(example.label, example.statement, example.section, example.unit)
    assert (rule.concept if rule else None) == example.concept


@pytest.mark.parametrize("label,statement,concept,unit", [
    ("Amortization of acquired intangible assets", "income", "AmortizationOfIntangibleAssets", "USD"),
    ("Amortization of intangibles", "cash_flow", "AmortizationOfIntangibleAssets", "USD"),
    ("Restructuring charges", "income", "RestructuringCharges", "USD"),
    ("Restructuring and other charges", "income", None, "USD"),
    ("Goodwill impairment", "income", "GoodwillImpairmentLoss", "USD"),
    ("Equity in earnings of unconsolidated affiliates", "income", "IncomeLossFromEquityMethodInvestments", "USD"),
    ("Income (loss) from discontinued operations, net of tax", "income", "IncomeLossFromDiscontinuedOperationsNetOfTax", "USD"),
    ("Loss from discontinued operations, net of income taxes", "income", "IncomeLossFromDiscontinuedOperationsNetOfTax", "USD"),
    ("Preferred stock dividends", "income", "PreferredStockDividendsIncomeStatementImpact", "USD"),
    ("Cash dividends declared per share", "income", "CommonStockDividendsPerShareDeclared", "USD/share"),
    ("Interest and debt expense", "income", "InterestAndDebtExpense", "USD"),
    ("Net income (loss) including noncontrolling interests", "income", "ProfitLoss", "USD"),
    ("Long-term investments", "balance", "LongTermInvestments", "USD"),
    ("Accrued compensation and related benefits", "balance", "EmployeeRelatedLiabilitiesCurrent", "USD"),
    ("Accrued expenses and other current liabilities", "balance", "AccruedLiabilitiesCurrent", "USD"),
    ("Long-term debt", "balance", None, "USD"),
    ("Accounts payable and accrued liabilities", "balance", "AccountsPayableAndAccruedLiabilitiesCurrent", "USD"),
    ("Commercial paper", "balance", "CommercialPaper", "USD"),
    ("Current portion of operating lease liabilities", "balance", "OperatingLeaseLiabilityCurrent", "USD"),
    ("Operating lease liabilities, net of current portion", "balance", "OperatingLeaseLiabilityNoncurrent", "USD"),
    ("Operating lease liabilities", "balance", None, "USD"),
    ("Operating lease right-of-use assets, net", "balance", "OperatingLeaseRightOfUseAsset", "USD"),
    ("Depreciation", "cash_flow", "Depreciation", "USD"),
    ("Provision for doubtful accounts", "cash_flow", "ProvisionForDoubtfulAccounts", "USD"),
    ("Proceeds from sale of property and equipment", "cash_flow", "ProceedsFromSaleOfPropertyPlantAndEquipment", "USD"),
    ("Proceeds from exercise of stock options", "cash_flow", "ProceedsFromStockOptionsExercised", "USD"),
    ("Repayments of borrowings", "cash_flow", "RepaymentsOfDebt", "USD"),
    ("Proceeds from borrowings", "cash_flow", "ProceedsFromIssuanceOfDebt", "USD"),
    ("Current portion of long-term debt", "balance", "LongTermDebtCurrent", "USD"),
    ("Additional paid-in capital", "balance", "AdditionalPaidInCapital", "USD"),
    ("Interest expense, net of portion capitalized", "income", "InterestExpense", "USD"),
    ("Deferred tax provision", "cash_flow", "DeferredIncomeTaxExpenseBenefit", "USD"),
    ("New borrowings", "cash_flow", "ProceedsFromIssuanceOfDebt", "USD"),
])
def test_a_label_the_table_does_not_hold_takes_the_concept_filers_most_often_give_its_line(
        label: str, statement: str, concept: str | None, unit: str) -> None:
    rule = match_default(normalize_label(label), statement, unit)
    assert (rule.concept if rule else None) == concept
    assert match_label(label, statement, (), unit) is None  # the label table is asked first


@pytest.mark.parametrize("label,statement,section,unit,concept", [
    ("Cost of services", "income", "", "USD", "CostOfServices"),
    ("Impairment of long-lived assets", "income", "", "USD", "ImpairmentOfLongLivedAssetsHeldForUse"),
    ("Acquisition-related costs", "income", "", "USD", "BusinessCombinationAcquisitionRelatedCosts"),
    ("Loss on extinguishment of debt", "income", "", "USD", "GainsLossesOnExtinguishmentOfDebt"),
    ("Goodwill impairment loss", "income", "", "USD", "GoodwillImpairmentLoss"),
    ("Effect of dilutive securities", "income", "", "shares", "WeightedAverageNumberDilutedSharesOutstandingAdjustment"),
    ("Effect of dilutive securities", "income", "", "USD", None),  # a share count, not an amount
    ("Restricted cash", "balance", "current_assets", "USD", "RestrictedCashCurrent"),
    ("Restricted cash", "balance", "assets", "USD", "RestrictedCashNoncurrent"),
    ("Restricted cash", "balance", "", "USD", None),  # current or not: the table does not say
    ("Dividends payable", "balance", "current_liabilities", "USD", "DividendsPayableCurrent"),
    ("Less: accumulated depreciation", "balance", "assets", "USD",
     "AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment"),
    ("Pension and postretirement benefits", "balance", "liabilities", "USD",
     "PensionAndOtherPostretirementDefinedBenefitPlansLiabilitiesNoncurrent"),
    ("Pension and postretirement benefits", "balance", "current_assets", "USD", None),
    ("Common stock and additional paid-in capital, $0.00001 par value: 50,400,000 shares authorized", "balance",
     "equity", "USD", "CommonStocksIncludingAdditionalPaidInCapital"),
    ("Loss on extinguishment of debt", "cash_flow", "operating", "USD", "GainsLossesOnExtinguishmentOfDebt"),
    ("(Gain) loss on sale of property and equipment", "cash_flow", "operating", "USD",
     "GainLossOnSaleOfPropertyPlantEquipment"),
    ("Other long-term liabilities", "cash_flow", "operating", "USD", "IncreaseDecreaseInOtherNoncurrentLiabilities"),
    ("Other long-term liabilities", "cash_flow", "financing", "USD", None),
    ("Income taxes payable", "cash_flow", "operating", "USD", "IncreaseDecreaseInIncomeTaxesPayable"),
    ("Sales and maturities of marketable securities", "cash_flow", "investing", "USD",
     "ProceedsFromSaleAndMaturityOfMarketableSecurities"),
    ("Proceeds from sale of business", "cash_flow", "investing", "USD", "ProceedsFromDivestitureOfBusinesses"),
    ("Proceeds from short-term debt", "cash_flow", "financing", "USD", "ProceedsFromShortTermDebt"),
    ("Proceeds from short-term debt", "cash_flow", "operating", "USD", None),
    ("Proceeds from/(Repayments of) commercial paper, net", "cash_flow", "financing", "USD",
     "ProceedsFromRepaymentsOfCommercialPaper"),
    ("Borrowings under revolving credit facility", "cash_flow", "financing", "USD", "ProceedsFromLinesOfCredit"),
    ("Repayments under revolving credit facility", "cash_flow", "financing", "USD", "RepaymentsOfLinesOfCredit"),
    ("Taxes paid related to net share settlement of equity awards", "cash_flow", "financing", "USD",
     "PaymentsRelatedToTaxWithholdingForShareBasedCompensation"),
    ("Principal payments on finance leases", "cash_flow", "financing", "USD", "FinanceLeasePrincipalPayments"),
    ("Effect of exchange rate changes on cash", "cash_flow", "", "USD",
     "EffectOfExchangeRateOnCashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    ("Equity method investments", "balance", "assets", "USD", "EquityMethodInvestments"),
    ("Long-term taxes payable", "balance", "liabilities", "USD", "AccruedIncomeTaxesNoncurrent"),
    ("Capital surplus", "balance", "equity", "USD", "AdditionalPaidInCapital"),
    ("Changes in operating assets and liabilities, net", "cash_flow", "operating", "USD",
     "IncreaseDecreaseInOperatingCapital"),
    ("Issuances of stock", "cash_flow", "financing", "USD", "ProceedsFromIssuanceOfCommonStock"),
    ("Dividends", "cash_flow", "financing", "USD", "PaymentsOfDividends"),
    ("Dividends", "cash_flow", "operating", "USD", None),  # dividends received are not dividends paid
])
def test_a_default_rule_with_a_section_holds_in_that_part_of_the_statement_only(
        label: str, statement: str, section: str, unit: str, concept: str | None) -> None:
    rule = match_default(normalize_label(label), statement, unit, section)
    assert (rule.concept if rule else None) == concept


@pytest.mark.parametrize("label,statement,sign", [
    ("Loss on extinguishment of debt", "income", "negative"),  # a loss printed as a cost is a negative gain
    ("Gain on extinguishment of debt", "income", "printed"),
    ("Loss on extinguishment of debt", "cash_flow", "flip"),  # added back: the gain is the printed number negated
    ("Gain on dispositions, net", "cash_flow", "flip"),
])
def test_a_default_gain_or_loss_rule_says_how_its_printed_number_becomes_the_gain(
        label: str, statement: str, sign: str) -> None:
    section = "operating" if statement == "cash_flow" else ""
    rule = match_default(normalize_label(label), statement, "USD", section)
    assert rule is not None and rule.sign == sign


@pytest.mark.parametrize("label", ["Other gain (loss), net", "Other gains (losses), net"])
def test_other_gain_or_loss_is_other_nonoperating_income_whether_singular_or_plural(label: str) -> None:
    rule = match_label(label, "income", (), "USD")
    assert rule is not None and rule.concept == "OtherNonoperatingIncomeExpense"


@pytest.mark.parametrize("name", ["concept_rules.csv", "concept_defaults.csv"])
def test_every_rule_row_has_the_columns_of_its_header(name: str) -> None:
    text = resources.files("form8k.data").joinpath(name).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    bad = [(n, row[0]) for n, row in enumerate(rows[1:], start=2)
           if row and not row[0].startswith("#") and len(row) != len(rows[0])]
    assert not bad  # a comma in an unquoted pattern splits it into columns


def _typical_labels() -> list[tuple[str, str, str, str]]:
    text = resources.files("form8k.data").joinpath("concepts.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        for label in row["typical_labels"].split("|"):
            out.append((row["concept"], row["statement"], row["unit"], label.strip().replace("<company>", "Acme Inc.")))
    return out


@pytest.mark.parametrize("concept,statement,unit,label", _typical_labels())
def test_every_core_concept_is_mapped_from_its_typical_labels(concept: str, statement: str, unit: str,
                                                              label: str) -> None:
    rule = match_label(label, statement, (), unit)
    assert rule is not None and rule.concept == concept


def test_rules_load_and_name_known_statements() -> None:
    assert len(rules()) > 50
    assert {r.statement for r in rules()} <= {"income", "balance", "cash_flow", "any"}
    assert {r.sign for r in rules()} <= {"printed", "expense", "negative", "benefit", "flip"}  # the conventions sign_factor knows
    assert {r.period for r in rules()} <= {"duration", "instant", "end", "start"}


@pytest.mark.parametrize("raw,normal", [
    ("NET INCOME/ (LOSS)", "net income/(loss)"),
    ("Total Stockholders’ Equity:", "total stockholders' equity"),
    ("REVENUES (Note 9):", "revenues"),
    ("Research & development", "research and development"),
    ("TOTALASSETS", "total assets"),  # a PDF's text of a heading in capitals, its spaces lost
    ("Totalitarian regimes", "totalitarian regimes"),
])
def test_normalize_label(raw: str, normal: str) -> None:
    assert normalize_label(raw) == normal


@pytest.mark.parametrize("label,statement,printed,factor", [
    ("Interest expense", "income", ["-239", "-210"], -1),  # printed as a deduction: an expense of 239
    ("Income tax expense", "income", ["9", "6"], 1),
    ("Income tax expense", "income", ["-32", "-186"], -1),
    ("Loss from operations", "income", ["4322012", "752066"], -1),  # a loss printed without parentheses
    ("Loss from operations", "income", ["-3850", "-4599"], 1),
    ("Net loss", "income", ["4200103"], -1),
    ("Benefit from income taxes", "income", ["15"], -1),
    ("Net cash used in investing activities", "cash_flow", ["10729"], -1),
    ("Net cash used in investing activities", "cash_flow", ["-10729"], 1),
    ("Net income (loss)", "income", ["-3044", "120"], 1),
])
def test_sign_conventions(label: str, statement: str, printed: list[str], factor: int) -> None:
    rule = match_label(label, statement, ())
    assert rule is not None
    assert sign_factor(rule, [Decimal(v) for v in printed]) == factor

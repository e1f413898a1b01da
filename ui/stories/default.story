# The default aicapex talk: what the three clouds earn, what their companies
# spend on property and equipment, and how the spending compares. Figures come
# from placeholders, resolved against the data when the talk starts, so the
# story stays true when the data changes. A slide says only what its chart
# shows: its headline figure is on the chart or its readout, it claims no
# cause a chart cannot show, and it names a definition where two differ.
#
# A slide starts with "slide: PANEL" (capex, margin, escalation); then
# optional title (what the speaker's notes call it), chart (a name --chart
# takes), quarter (latest, or like 2025Q3), providers, basis; one headline
# placeholder shown in large type; up to two caption lines, shown as one
# paragraph; and notes lines, one paragraph each, which only the speaker
# sees (present --notes).

slide: margin
title: What the clouds earn
quarter: latest
headline: {cloud_margin amazon}
caption: In {quarter} AWS kept {cloud_margin amazon} of its revenue as operating income, Microsoft's Intelligent Cloud {cloud_margin microsoft} and Google Cloud {cloud_margin alphabet}.
caption: Each company draws its segment its own way, and Microsoft and Alphabet have redrawn theirs: read each line against itself since its last recast.
notes: The three segments are not alike. Intelligent Cloud holds server products and GitHub besides Azure; Google Cloud holds Workspace besides its cloud platform. So the lines sit side by side, but the levels are not a ranking.
notes: Microsoft recast Intelligent Cloud in FY2023 and again in FY2025, when the commercial parts of Microsoft 365 left it; Alphabet recast Google Cloud in 2023, moving DeepMind and some costs out. A margin before a recast does not compare with one after it: the lines break there.
notes: The "server lives" lines are changes in how long servers are depreciated. They move the margins, not what the segments hold.

slide: capex
title: Four quarters of capex
chart: ttm
quarter: latest
headline: {ttm capex amazon}
caption: In the four quarters to {quarter} Amazon's purchases of property and equipment came to {ttm capex amazon}, Alphabet's {ttm capex alphabet} and Microsoft's {ttm capex microsoft}.
caption: Microsoft's is cash alone: with the finance leases its calls count, its calendar 2025 was {cy capex_incl_finance_leases microsoft 2025}, not {cy capex microsoft 2025}.
notes: Together the three spent {combined ttm capex} in those four quarters, {yoy combined ttm capex} on the four before; the readout gives each one's change.
notes: Purchases of property and equipment is the cash-flow line, gross. Amazon's own "cash capex" is net of proceeds and incentives; Microsoft's calls quote capex including finance leases, data centres it leases rather than buys.

slide: margin
title: Company capex per dollar of cloud revenue
chart: capex_per_revenue
quarter: latest
headline: {capex_per_cloud_revenue amazon}
caption: Over the four quarters to {quarter} Amazon's company-wide capex was {capex_per_cloud_revenue amazon} per dollar of AWS revenue, Alphabet's {capex_per_cloud_revenue alphabet} per dollar of Google Cloud's.
caption: The capex is the whole company's, not the cloud segment's alone, so this overstates what the cloud spends per dollar it earns.
notes: Amazon's capex also builds warehouses and logistics; Alphabet's also serves Search and YouTube. The ratio sets that against one segment's revenue: a measure of scale, not of the cloud's own investment.
notes: Microsoft's ratio changes meaning at its segment recasts, marked on the chart: the revenue it divides by was redefined in FY2023 and FY2025.

slide: escalation
title: Capex growth, year on year
chart: growth
quarter: latest
headline: {capex_yoy alphabet}
caption: Capex in {quarter} against the same quarter a year before: Alphabet {capex_yoy alphabet}, Microsoft {capex_yoy microsoft}, Amazon {capex_yoy amazon}.
caption: The lines show when each one's spending rose, side by side; they cannot show that one's spending drove another's.
notes: Year-on-year growth of purchases of property and equipment, cash basis. A fast rate on a small base can be fewer dollars than a slower rate on a large one: the ttm slide has the dollars.
notes: If asked who is leading whom: the chart cannot say. It shows timing, and timing alone is not a cause.

slide: escalation
title: Shares of the three's capex
chart: share
quarter: latest
headline: {capex_share amazon}
caption: Of the three's combined purchases of property and equipment in {quarter}, Amazon made {capex_share amazon}, Alphabet {capex_share alphabet} and Microsoft {capex_share microsoft}.
caption: These are cash purchases: counting the finance leases that Microsoft's calls include would raise its share.
notes: Shares of the three only, not of the industry: Meta, Oracle and the others are not in the data.
notes: {leader capex_yoy} grew its capex fastest on a year before in this quarter; a share moves with the others' spending as much as with its own.

slide: capex
title: What they plan for 2026
chart: annual
quarter: latest
headline: {guide amazon 2026}
caption: Guidance for 2026, each on its own basis: Amazon {guide amazon 2026} net of proceeds and incentives ({cy capex_net amazon 2025} in 2025), Alphabet {guide alphabet 2026} ({cy capex alphabet 2025}),
caption: Microsoft {guide microsoft 2026} 2026 with finance leases ({cy capex_incl_finance_leases microsoft 2025}). The lines are purchases alone.
notes: The hollow markers are the latest guidance, low to high; the filled ones are calendar years of purchases of property and equipment. Guidance is a plan, and each company states it on its own basis, so the markers do not continue the lines.
notes: Amazon guides "cash capex", net of proceeds from sales and incentives; Alphabet guides purchases; Microsoft guides capex including finance leases for calendar 2026, not its fiscal year.
notes: On its own basis Amazon's guide leaves {implied amazon 2026}; Alphabet's {implied alphabet 2026}.

# The default aicapex talk: profits up, spending up faster, each provider
# escalating in turn. Figures come from placeholders, resolved against the
# data when the talk starts, so the story stays true when the data changes.
#
# A slide starts with "slide: PANEL" (capex, margin, escalation); then
# optional chart (a name --chart takes), quarter (latest, or like 2025Q3),
# providers, basis; one headline placeholder shown in large type; up to two
# caption lines.

slide: margin
quarter: latest
headline: {cloud_margin amazon}
caption: Cloud is a profit machine: AWS earned {cloud_margin amazon} of its revenue as operating income in {quarter},
caption: Google Cloud {cloud_margin alphabet}, up from losses before 2023.

slide: capex
chart: ttm
quarter: latest
headline: {combined ttm capex}
caption: Yet to stay in the race the three spent {combined ttm capex} on property and equipment in the four quarters to {quarter}:
caption: {yoy combined ttm capex} more than a year before.

slide: margin
chart: capex_per_revenue
quarter: latest
headline: {capex_per_cloud_revenue amazon}
caption: Spending grows faster than the cloud it serves: the whole of Amazon put {capex_per_cloud_revenue amazon} into capex for every dollar AWS earned
caption: in the four quarters to {quarter}, company-wide spending against one segment's revenue ({capex_intensity amazon} of all its revenue).

slide: escalation
chart: growth
quarter: latest
headline: {capex_yoy alphabet}
caption: Each one's escalation forces the others: in {quarter} Alphabet's capex grew {capex_yoy alphabet} on a year earlier,
caption: Amazon's {capex_yoy amazon} and Microsoft's {capex_yoy microsoft}.

slide: escalation
chart: share
quarter: latest
headline: {capex_share amazon}
caption: Amazon leads with {capex_share amazon} of the three's combined capex in {quarter};
caption: {leader capex_yoy} is closing in fastest.

slide: capex
chart: annual
quarter: latest
headline: {guide amazon 2026}
caption: And the guidance says more: Amazon {guide amazon 2026} in 2026 (net of proceeds & incentives), Alphabet {guide alphabet 2026},
caption: after {cy capex_net amazon 2025} and {cy capex alphabet 2025} in 2025; Amazon's guide leaves {implied amazon 2026}.

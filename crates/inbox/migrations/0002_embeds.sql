-- Leads from calculators framed on other sites: the embedding page's origin
-- and the snippet's optional partner name. Both stay empty for leads from
-- the site's own pages.

ALTER TABLE leads ADD COLUMN embedded_on TEXT;
ALTER TABLE leads ADD COLUMN partner TEXT;

CREATE INDEX leads_embedded_on ON leads (embedded_on, received_at DESC);

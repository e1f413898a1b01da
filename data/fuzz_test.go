package data

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the quarterly file: the loader must
// return a dataset or problems, never panic or hang.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("provider,quarter,metric,value_usd_m,precision_usd_m,basis,source_url\namazon,2024Q1,capex,1,0,reported,https://x\n"))
	f.Add([]byte("provider,quarter,metric,value_usd_m,precision_usd_m,basis,source_url\namazon,2024Q1,capex,\"1\n"))
	f.Add([]byte("\ufeffprovider,quarter,metric,value_usd_m,source_url,basis,precision_usd_m\namazon,2024q4,revenue,-1e9,http://x,recast,50\n"))
	f.Add([]byte("provider,quarter,metric,value_usd_m,source_url\namazon,2024Q1,capex,1,https://x\n"))
	f.Add([]byte(""))
	providers := []byte("id,name,cloud_segment,fiscal_year_end_month\namazon,Amazon,AWS,12\nmicrosoft,Microsoft,IC,6\n")
	f.Fuzz(func(t *testing.T, quarterly []byte) {
		d, err := Load(fstest.MapFS{
			"providers.csv": {Data: providers},
			"quarterly.csv": {Data: quarterly},
		})
		if (d == nil) == (err == nil) {
			t.Fatalf("want exactly one of dataset and error, got %v and %v", d, err)
		}
		if d != nil {
			for _, q := range d.Quarters() {
				d.TTM("amazon", Capex, q)
				d.Share("microsoft", Revenue, q)
			}
			d.Reconcile()
		}
	})
}

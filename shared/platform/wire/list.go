package wire

// Page describes the page a list shows; metadata is rendered only when the
// collection spans more than one page, as 3scale does.
type Page struct {
	Number, PerPage, Total int
}

// Pages is the number of pages.
func (p Page) Pages() int {
	if p.PerPage <= 0 {
		return 1
	}
	n := (p.Total + p.PerPage - 1) / p.PerPage
	if n == 0 {
		n = 1
	}
	return n
}

// List is a collection: {"services":[{"service":{...}}]} / <services>...</services>.
type List struct {
	Name  string
	Items []*Obj
	Page  *Page // nil for unpaginated collections
}

func (l *List) showMeta() bool { return l.Page != nil && l.Page.PerPage < l.Page.Total }

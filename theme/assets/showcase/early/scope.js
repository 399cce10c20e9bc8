/* material's storage helpers (partials/javascripts/base.html, MIT licence), kept here once
   instead of in every page. The scope is the site's root, found from this file's own address
   (assets/showcase/early/) instead of the page's relative base: the same folder either way. */
__md_scope=new URL("../../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}

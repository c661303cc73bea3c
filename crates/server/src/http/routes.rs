//! The route table: every operation the server mounts is added through it,
//! so the same table that actix serves can be listed (method and path) and
//! compared with the OpenAPI document by a test.

use actix_web::dev::HttpServiceFactory;
use actix_web::http::{Method, StatusCode};
use actix_web::{FromRequest, Handler, HttpResponse, Responder, web};
use kehu_types::codes;

use crate::http::error::ApiError;

/// One mounted operation: its method and its full path, with `{name}` for
/// each path parameter as in the OpenAPI document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub method: Method,
    pub path: String,
}

/// One path and the methods it answers; any other method gets 405.
pub struct Resource {
    path: &'static str,
    inner: actix_web::Resource,
    methods: Vec<Method>,
}

/// What a resource answers to a method it does not take.
async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(StatusCode::METHOD_NOT_ALLOWED, codes::METHOD_NOT_ALLOWED, "this method is not allowed here"))
}

/// A resource at `path` (relative to the table's prefix).
pub fn at(path: &'static str) -> Resource {
    Resource { path, inner: web::resource(path).default_service(web::to(method_not_allowed)), methods: Vec::new() }
}

macro_rules! method {
    ($name:ident, $method:ident) => {
        pub fn $name<F, Args>(self, handler: F) -> Self
        where
            F: Handler<Args>,
            Args: FromRequest + 'static,
            F::Output: Responder + 'static,
        {
            self.on(Method::$method, handler)
        }
    };
}

impl Resource {
    method!(get, GET);
    method!(post, POST);
    method!(put, PUT);
    method!(patch, PATCH);
    method!(delete, DELETE);

    fn on<F, Args>(mut self, method: Method, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.inner = self.inner.route(web::method(method.clone()).to(handler));
        self.methods.push(method);
        self
    }
}

/// Resources under one path prefix, in the order they are matched.
pub struct Table {
    prefix: &'static str,
    resources: Vec<Resource>,
}

impl Table {
    pub fn new(prefix: &'static str) -> Self {
        Self { prefix, resources: Vec::new() }
    }

    /// Add a resource. Literal paths that share a prefix with a `{id}` path
    /// (`/orders/bulk` beside `/orders/{id}`) must be added before it.
    pub fn mount(mut self, resource: Resource) -> Self {
        self.resources.push(resource);
        self
    }

    pub fn prefix(&self) -> &'static str {
        self.prefix
    }

    /// Every operation of the table, with its full path.
    pub fn operations(&self) -> Vec<Operation> {
        self.resources
            .iter()
            .flat_map(|resource| {
                resource.methods.iter().map(|method| Operation {
                    method: method.clone(),
                    path: format!("{}{}", self.prefix, resource.path),
                })
            })
            .collect()
    }

    /// The actix services of the table, to mount in a scope or an app.
    pub fn into_services(self) -> Vec<impl HttpServiceFactory + 'static> {
        self.resources.into_iter().map(|resource| resource.inner).collect()
    }
}
